/** A CLI command lives in cli/commands/<name>.ts and default-exports one of these. */
export type CliIo = {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  stdin: NodeJS.ReadableStream;
};

export type Command = {
  describe: string;
  run: (args: string[], io: CliIo) => Promise<number>;
};
