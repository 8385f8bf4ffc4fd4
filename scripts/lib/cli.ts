/** What every script shares: --help, argument errors with the usage text, and failing with exit status 1. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

type WithHelp<C extends ParseArgsConfig> = C & { options: C['options'] & { help: { type: 'boolean'; short: 'h'; default: false } } };

/** Parses argv with `config` plus -h/--help; prints `help` and exits on --help or on a bad argument. */
export function parseCli<const C extends ParseArgsConfig>(help: string, config: C): ReturnType<typeof parseArgs<WithHelp<C>>> {
  const full = { ...config, options: { ...config.options, help: { type: 'boolean', short: 'h', default: false } } } as WithHelp<C>;
  let parsed: ReturnType<typeof parseArgs<WithHelp<C>>>;
  try {
    parsed = parseArgs(full);
  } catch (e) {
    fail(`${(e as Error).message}\n\n${help}`);
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(help);
    process.exit(0);
  }
  return parsed;
}
