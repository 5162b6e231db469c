import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSyntheticDocuments, parseClinicalDocument, parseTranscript } from '@medicdraft/healthscribe-documents';
import { BUILTIN_TEMPLATES, composeNarrative, NARRATIVE_ENGINE_VERSION } from '@medicdraft/narrative';
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../narrative-quality.js';

// The README shows one dictation drafted by the current engine, "pasted unedited": this keeps it so. When the engine's
// output for it changes, the README's block (and its list of versions) must change with it.
const README = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');
const EXAMPLE = 'tuning9-fall-tbi-rsi';

/** The text block after the README line naming the engine versions that drafted it, and that line. */
function draftedByEngine(): { line: string; block: string } {
  const at = README.indexOf('Drafted by engine ');
  const line = README.slice(at, README.indexOf('\n', at));
  const open = README.indexOf('```text\n', at) + '```text\n'.length;
  return { line, block: README.slice(open, README.indexOf('\n```', open)) };
}

describe('the README before/after narrative', () => {
  const fixture = loadFixtures().find((f) => f.id === EXAMPLE);
  const dictation = fixture?.sentences.map(([, s]) => s).join(' ') ?? '';

  it('quotes the dictation of its fixture', () => {
    expect(README).toContain(`> ${dictation}\n`);
  });

  it('is what the current engine drafts, and names the current engine version', () => {
    const raw = createSyntheticDocuments(dictation);
    const narrative = composeNarrative(
      { transcript: parseTranscript(raw.transcript), clinicalDocument: parseClinicalDocument(raw.clinicalDocument) },
      { version: 1, definition: BUILTIN_TEMPLATES.DRAATT },
    );
    const drafted = narrative.sections
      .filter((s) => s.sentences.length > 0)
      .map((s) => `${s.key.toUpperCase()}: ${s.sentences.map((x) => x.text).join(' ')}`)
      .join('\n');
    const { line, block } = draftedByEngine();
    expect(block).toBe(drafted);
    expect(line).toContain(NARRATIVE_ENGINE_VERSION);
    expect(narrative.missingElements).toEqual(['patient_age']);
  });
});
