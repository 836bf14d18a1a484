import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { configPath } from '../platform/config/paths';
import { Methodology, parseMethodology } from './domain';

/** The methodology in force; older versions stay in config/methodology for the results that name them. */
export const CURRENT_METHODOLOGY_FILE = 'v1.json';

/** Loads and validates the methodology once at start: a broken file fails the boot, not a request. */
@Injectable()
export class MethodologyService {
  readonly current: Methodology = parseMethodology(
    JSON.parse(readFileSync(configPath('methodology', CURRENT_METHODOLOGY_FILE), 'utf8')) as unknown,
  );
}
