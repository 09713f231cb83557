import * as vm from 'vm';

type ModuleImporter = (url: string) => Promise<unknown>;

let mainContextImport: ModuleImporter | undefined;

/**
 * Imports an ES module by URL from this CommonJS project. The kubernetes-models packages ship ES
 * modules only. Under tsx and Node, `import()` stays a real dynamic import. Test runners that
 * compile `import()` into `require()` (Jest with swc) fail with ERR_REQUIRE_ESM; there the module
 * is imported through the main context's ES module loader instead (a Node 20.12+ vm option, which
 * prints an ExperimentalWarning once), so the validator can run in-process in tests too.
 */
export async function importEsm(url: string): Promise<unknown> {
  try {
    return await import(url);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw error;
    mainContextImport ??= vm.runInThisContext('(url) => import(url)', {
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    }) as ModuleImporter;
    return mainContextImport(url);
  }
}
