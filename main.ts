/**
 * The cdk8s app: `npm run synth` and `cdk8s synth` both run this file. It renders
 * environments/<env>.yaml into dist/<env>/ and dist/argocd/; see README.md.
 */
import { runSynth } from './lib/cli/synth';

runSynth(process.argv);
