// The pathways the browser tests draw: the examples, and one written to attack the page.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  analyze,
  buildDiagram,
  layoutDiagram,
  renderSvg,
  type Analysis,
} from '../../server/src/core';
import { ROOT } from './browser';

export const EXAMPLES = path.join(ROOT, 'examples');

/** Every example that can be drawn (broken-yaml cannot: it does not parse). */
export const DRAWABLE = [
  'brlp-manipulation.pathway.yaml',
  'stepped-care-radiating-lbp.pathway.yaml',
  'self-management-support.pathway.yaml',
  'motor-skill-training.pathway.yaml',
  'after-failed-conservative-care.pathway.yaml',
  'flawed/flawed.pathway.yaml',
];

export function analyzeExample(name: string): Analysis {
  return analyze(fs.readFileSync(path.join(EXAMPLES, name), 'utf8'));
}

/** The SVG the language server sends the preview for a pathway text. */
export async function previewSvg(analysis: Analysis): Promise<string> {
  return renderSvg(await layoutDiagram(buildDiagram(analysis)), { legend: false });
}

export function stepIds(analysis: Analysis): string[] {
  return [...(analysis.model?.steps.keys() ?? [])];
}

/** Markup and script in every place a pathway's text reaches the picture (test/inputs). */
export const HOSTILE_FILE = path.join(ROOT, 'test', 'inputs', 'hostile.pathway.yaml');

export function analyzeHostile(): Analysis {
  return analyze(fs.readFileSync(HOSTILE_FILE, 'utf8'));
}
