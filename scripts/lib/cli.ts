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
    fail(`${argumentError(e as Error & { code?: string })}\n\n${help}`);
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(help);
    process.exit(0);
  }
  return parsed;
}

/** node:util's argument errors (English) in the editors' language, naming the option as typed. */
export function argumentError(e: Error & { code?: string }): string {
  const option = /'(-[^' ]+)/.exec(e.message)?.[1];
  const positional = /Unexpected argument '([^']*)'/.exec(e.message)?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `未知选项 ${option ?? e.message}（可用选项见下面的说明）`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `多余的参数“${positional ?? e.message}”（这个命令不接受它；用法见下面的说明）`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(e.message)) return `选项 ${option} 不带值（直接写 ${option}）`;
      if (/ambiguous/.test(e.message)) return `选项 ${option} 的值不能以 - 开头（若确实如此，请写作 ${option}=值）`;
      return `选项 ${option} 缺少值（写作 ${option} 值）`;
    default:
      return `参数有误：${e.message}`;
  }
}
