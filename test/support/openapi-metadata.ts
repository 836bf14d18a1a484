import { PluginMetadataGenerator } from '@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator';
import { SwaggerModule } from '@nestjs/swagger';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';

// The plugin's types sit under dist/, which the package's "exports" keep out of reach of require().
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ReadonlyVisitor } = require('@nestjs/swagger/plugin') as typeof import('@nestjs/swagger/dist/plugin');

type GenerateOptions = Parameters<PluginMetadataGenerator['generate']>[0];

const ROOT = join(__dirname, '..', '..');

interface SwaggerPluginOptions {
  readonly introspectComments?: boolean;
  readonly classValidatorShim?: boolean;
  readonly dtoFileNameSuffix?: string[];
  readonly controllerFileNameSuffix?: string[];
}

/**
 * `npm start` compiles with tsc and nest-cli.json's @nestjs/swagger plugin, which writes each DTO's
 * properties (types, required, maxLength, enums ...) and each operation's summary and response type
 * into the OpenAPI document. Jest compiles with
 * SWC, which runs no TypeScript plugin, so a test app's `/docs-json` has request bodies whose
 * schemas are empty. This runs the same plugin, with nest-cli.json's options, over the DTO and
 * controller files only (a few seconds; the whole project takes ~25 s here) and loads its metadata, as Nest documents
 * for SWC builds; call it before `startTestApp` so the test app serves the document production does.
 */
export async function loadSwaggerPluginMetadata(): Promise<void> {
  const nestCli = JSON.parse(readFileSync(join(ROOT, 'nest-cli.json'), 'utf8')) as {
    compilerOptions: { plugins: Array<{ name: string; options?: SwaggerPluginOptions }> };
  };
  const options = nestCli.compilerOptions.plugins.find((plugin) => plugin.name === '@nestjs/swagger')?.options ?? {};
  // Controllers too: from them the plugin takes each operation's summary (its doc comment) and the
  // response type of its return type, as `nest build` does.
  const suffixes = [
    ...(options.dtoFileNameSuffix ?? ['.dto.ts', '.entity.ts']),
    ...(options.controllerFileNameSuffix ?? ['.controller.ts']),
  ];

  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.build.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error('tsconfig.build.json could not be read');
  const pluginFiles = parsed.fileNames.filter((file) => suffixes.some((suffix) => file.endsWith(suffix)));
  const program = ts.createProgram(pluginFiles, { ...parsed.options, incremental: false, noEmit: true });

  // The metadata file imports the DTO modules relative to pathToSource: written beside test-output's
  // other files, it reaches them as ../../src/....
  const outputDir = join(ROOT, 'test-output', 'openapi');
  mkdirSync(outputDir, { recursive: true });
  const filename = `metadata-${process.pid}.ts`;
  new PluginMetadataGenerator().generate({
    visitors: [new ReadonlyVisitor({ ...options, pathToSource: outputDir })],
    outputDir,
    filename,
    // @nestjs/cli ships its own typescript; the program is the project's, which the visitor reads alike.
    tsProgramRef: program as unknown as GenerateOptions['tsProgramRef'],
    printDiagnostics: false,
  });
  const file = join(outputDir, filename);
  try {
    const metadata = (await import(file)) as { default: () => Promise<Record<string, unknown>> };
    await SwaggerModule.loadPluginMetadata(metadata.default);
  } finally {
    rmSync(file, { force: true });
  }
}
