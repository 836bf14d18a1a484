/** The parts of Frictionless's `datapackage` (JavaScript, untyped) the open-data tests use. */
declare module 'datapackage' {
  export class Package {
    static load(descriptor: object, options?: { basePath?: string }): Promise<Package>;
    readonly valid: boolean;
    readonly errors: Error[];
    readonly descriptor: { resources: Array<{ schema: { fields: Array<{ name: string }> } }> };
    getResource(name: string): Resource | null;
  }
  export class Resource {
    readonly valid: boolean;
    readonly errors: Error[];
    read(options?: { keyed?: boolean; cast?: boolean }): Promise<Array<Record<string, unknown>>>;
    readonly headers: string[];
  }
}
