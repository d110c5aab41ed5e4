// The one error type of the geodata build: it names the file, the unit (if any) and the problem.

/** A problem in the geodata inputs; the message names the file, unit and what is wrong. */
export class GeodataError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly unit?: string,
  ) {
    super(`${file}${unit ? ` [${unit}]` : ''}: ${problem}`);
    this.name = 'GeodataError';
  }
}
