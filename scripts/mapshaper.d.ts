// Type declaration for the parts of mapshaper's Node API the build uses.
declare module 'mapshaper' {
  /** Runs mapshaper commands on in-memory inputs; resolves to the output files by name. */
  export function applyCommands(
    commands: string,
    inputs?: Record<string, string | Buffer | object>,
  ): Promise<Record<string, string | Buffer>>;
  const mapshaper: { applyCommands: typeof applyCommands };
  export default mapshaper;
}
