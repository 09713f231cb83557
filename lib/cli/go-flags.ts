/**
 * Command lines written for Go programs (kubeconform, conftest's Go flags): Go's `flag` package takes
 * `-name` and `--name` alike, `-name=value` and `-name value` for values, and only `-name` or
 * `-name=true|false` for booleans, which never take the next argument. This rewrites such a command
 * line into the `--name value` / `--no-name` form commander parses, so both spellings work.
 */

/** Thrown for a flag Go's parser would reject; the message is the one Go prints. */
export class GoFlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoFlagError';
  }
}

/** The flags a command accepts, by name without dashes. Single-letter names are short options (`-o`). */
export interface GoFlagTable {
  /** Flags that take no value (`--no-<name>` must also be defined for `-name=false` to work). */
  readonly booleans: ReadonlySet<string>;
  /** Flags that take a value. */
  readonly values: ReadonlySet<string>;
}

/** strconv.ParseBool's words. */
const TRUE_WORDS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE_WORDS = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/**
 * Rewrites Go-style flags into commander's spelling; arguments that are not flags, and everything
 * after `--`, are kept as they are and where they are.
 * @throws GoFlagError for an unknown flag, a missing value or a boolean given a non-boolean value.
 */
export function normalizeGoFlags(argv: readonly string[], table: GoFlagTable): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const match = /^--?([^-=][^=]*)(?:=(.*))?$/s.exec(arg);
    if (!match || arg === '-') {
      out.push(arg);
      continue;
    }
    const [, rawName, value] = match;
    const negated = rawName.startsWith('no-') && table.booleans.has(rawName.slice(3));
    const name = negated ? rawName.slice(3) : rawName;
    const spelled = name.length === 1 ? `-${name}` : `--${name}`;
    if (table.booleans.has(name)) {
      if (value === undefined) out.push(negated ? `--no-${name}` : spelled);
      else if (TRUE_WORDS.has(value) && !negated) out.push(spelled);
      else if (FALSE_WORDS.has(value) && !negated) out.push(`--no-${name}`);
      else throw new GoFlagError(`invalid boolean value ${JSON.stringify(value)} for -${rawName}: parse error`);
    } else if (table.values.has(name) && !negated) {
      if (value === undefined && i + 1 >= argv.length) throw new GoFlagError(`flag needs an argument: -${name}`);
      const given = value ?? argv[++i];
      // Attached, so that a value starting with a dash is not read as a flag (Go takes it as the value).
      out.push(...(name.length === 1 ? [spelled, given] : [`${spelled}=${given}`]));
    } else {
      throw new GoFlagError(`flag provided but not defined: -${rawName}`);
    }
  }
  return out;
}
