/**
 * An `::error::` workflow command: GitHub shows it as an annotation on the run. The message is escaped
 * as the runner expects, so it stays one command whatever it holds.
 */
export function errorCommand(message: string): string {
  return `::error::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`;
}
