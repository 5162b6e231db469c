import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../templates/builtin-templates.js';
import { esoText } from './eso-text.js';
import type { NarrativeContent } from './narrative-content.js';
import { applyChange, sectionsFromText } from './narrative-edit.js';

const base: NarrativeContent = {
  narrativeId: '0b0e7d2c-1f7a-4c55-9a51-9a3f5e0c1d11',
  dictationId: '5e2a4f10-8c3b-4d7e-b1a2-3c4d5e6f7a80',
  template: 'DRAATT',
  templateVersion: 1,
  engineVersion: '1.0.0',
  sections: [
    { key: 'dispatch', title: 'Dispatch', sentences: [{ text: 'Dispatched for a fall.', evidence: ['seg-1'], source: 'dictation' }] },
    { key: 'response', title: 'Response', sentences: [] },
    { key: 'arrival', title: 'Arrival', sentences: [] },
    {
      key: 'assessment',
      title: 'Assessment',
      sentences: [{ text: 'Patient reports hip pain “8/10” – worse on movement.', evidence: ['seg-2'], source: 'dictation' }],
    },
    { key: 'treatment', title: 'Treatment', sentences: [] },
    { key: 'transport', title: 'Transport', sentences: [{ text: 'Transported non emergent.', evidence: ['seg-3'], source: 'dictation' }] },
  ],
  missing: [
    { element: 'response_mode', prompt: 'Document the response mode (emergent or non-emergent).', evidence: [] },
    { element: 'destination', prompt: 'Document the destination facility.', evidence: [] },
  ],
  resolved: [],
  segments: [],
  reviewNotes: [],
  text: '',
};

describe('narrative edits and ESO text (pure)', () => {
  it('puts each resolution in the section of its element and closes only that prompt', () => {
    const { content, resolved } = applyChange(base, BUILTIN_TEMPLATES.DRAATT, { resolutions: { response_mode: 'responded non emergent' } });
    expect(resolved).toEqual(['response_mode']);
    expect(content.sections.find((s) => s.key === 'response')?.sentences).toEqual([
      { text: 'Responded non emergent.', evidence: [], source: 'provider', element: 'response_mode' },
    ]);
    expect(content.missing.map((m) => m.element)).toEqual(['destination']);
    expect(content.text).toContain('RESPONSE: Responded non emergent.');
    expect(base.missing).toHaveLength(2); // the base version is untouched
  });

  it('parses an edited text by section titles, keeping evidence only for unchanged sentences', () => {
    const sections = sectionsFromText(
      'Dispatch: Dispatched for a fall. Caller was a neighbour.\nTRANSPORT: Transported non emergent.\nTo Mercy.',
      base,
    );
    expect(sections.find((s) => s.key === 'dispatch')?.sentences).toEqual([
      { text: 'Dispatched for a fall.', evidence: ['seg-1'], source: 'dictation' },
      { text: 'Caller was a neighbour.', evidence: [], source: 'provider' },
    ]);
    expect(sections.find((s) => s.key === 'transport')?.sentences.map((s) => [s.text, s.evidence])).toEqual([
      ['Transported non emergent.', ['seg-3']],
      ['To Mercy.', []],
    ]);
    expect(sections.find((s) => s.key === 'assessment')?.sentences).toEqual([]);
  });

  it('rejects empty changes, unknown element codes and prompts that are not open', () => {
    expect(() => applyChange(base, BUILTIN_TEMPLATES.DRAATT, {})).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => applyChange(base, BUILTIN_TEMPLATES.DRAATT, { resolutions: { nonsense: 'x' } as never })).toThrow(
      expect.objectContaining({ status: 400 }),
    );
    expect(() => applyChange(base, BUILTIN_TEMPLATES.DRAATT, { resolutions: { vitals: 'BP 120/80' } })).toThrow(
      expect.objectContaining({ code: 'element_not_open', status: 409 }),
    );
    expect(() => applyChange(base, BUILTIN_TEMPLATES.DRAATT, { resolutions: { destination: '  ' } })).toThrow(
      expect.objectContaining({ status: 400 }),
    );
  });

  it('copies only when nothing is open, as printable ASCII within the limit', () => {
    expect(() => esoText(base, 10_000)).toThrow(expect.objectContaining({ code: 'unresolved_elements', status: 409 }));
    const done = applyChange(base, BUILTIN_TEMPLATES.DRAATT, {
      resolutions: { response_mode: 'Responded non emergent', destination: 'to Mercy General' },
    }).content;
    const copy = esoText(done, 10_000);
    expect(copy.text).toBe(
      [
        'DISPATCH: Dispatched for a fall.',
        'RESPONSE: Responded non emergent.',
        'ASSESSMENT: Patient reports hip pain "8/10" - worse on movement.',
        'TRANSPORT: Transported non emergent. To Mercy General.',
      ].join('\n'),
    );
    expect(copy.length).toBe(copy.text.length);
    expect(() => esoText(done, 50)).toThrow(expect.objectContaining({ code: 'narrative_too_long' }));
  });
});
