import { describe, expect, it } from 'vitest';
import { classifySegment, extractEmsFacts } from '../index.js';

const phase = (content: string) => classifySegment('s1', content, extractEmsFacts([{ id: 's1', content }]));

describe('someone at the scene telling that they found the patient, "found" said with no subject of its own', () => {
  it('is what they told (the assessment), not the crew finding the patient', () => {
    for (const said of [
      'His mom, Carla, says she is two, found her in the bathtub with her face in the water.',
      'Her son says she takes nothing, found her slumped in the recliner around noon.',
      'The neighbour, an older gentleman, states he heard a thump, found him at the bottom of the stairs.',
      "Wife tells us he's diabetic, found him sweaty and confused in the garage.",
      'His coworker reports he was fine at lunch, found him on the floor of the break room.',
    ])
      expect(['chief_complaint', 'history', 'exam'], said).toContain(phase(said));
  });
  it('stays the arrival when the crew found the patient, or nobody said anything', () => {
    for (const said of [
      'Mom met us at the door, found him on the couch breathing fast.',
      'On arrival, found her on the kitchen floor.',
      'We walked in, found the patient in the bathroom.',
      'Husband waved us in, found her in bed.',
      'We arrived, his wife says he is fine, we found him sitting in the recliner.',
      'Neighbour says she called out, we found her in the hallway.',
    ])
      expect(phase(said), said).toBe('arrival');
  });
});
