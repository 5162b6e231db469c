import type { VitalKind } from '../document-model.js';

/** Rhythms read with their rate ("sinus tach at 130", "narrow complex tach at 190"): the rate is the heart rate. */
export const RHYTHM_WITH_RATE = [
  String.raw`(?:narrow|wide)[- ]complex tach\w*`,
  String.raw`sinus(?: rhythm| tach\w*| brady\w*)?`,
  String.raw`tachycardi\w*`,
  'tachy',
  'tach',
  String.raw`bradycardi\w*`,
  'brady',
].join('|');

/**
 * Spoken names of vital signs → kind. Shared by the rule-based extractor and by the reader of
 * `TEST_NAME` insights, so an insight the synthetic engine writes reads back as the same vital.
 */
const NAMES: ReadonlyArray<readonly [RegExp, VitalKind]> = [
  [/^(?:bp|b\/p|blood pressure|pressure|systolic)$/i, 'bp'],
  [new RegExp(String.raw`^(?:hr|heart rate|pulse(?: rate)?|heart|${RHYTHM_WITH_RATE})$`, 'i'), 'hr'],
  [/^(?:rr|resp(?:s|irations?|iratory rate|\.? rate)?|breathing rate)$/i, 'rr'],
  [
    /^(?:spo2|sp02|sp o2|o2 sats?|o2 saturation|sats?|saturation|pulse ox(?:imetry)?|oxygen saturation|oxygen|pox|satting|saturating)$/i,
    'spo2',
  ],
  [/^(?:gcs|glasgow coma scale|glasgow)$/i, 'gcs'],
  [/^(?:bgl|cbg|blood glucose|blood sugar|glucose|sugar|glucometer|dextro)$/i, 'glucose'],
  [/^(?:temp|temperature)$/i, 'temp'],
  [/^(?:pain|pain scale|pain score|pain level)$/i, 'pain'],
  [/^(?:etco2|end tidal|end-tidal|capnography|end tidal co2)$/i, 'etco2'],
];

export function vitalKindOf(name: string): VitalKind | null {
  const clean = name.trim().replace(/\s+/g, ' ');
  for (const [re, kind] of NAMES) if (re.test(clean)) return kind;
  return null;
}

/** Clock time → `HH:MM` (24 h), or null when the text is not a valid clock time. */
export function normaliseClock(text: string): string | null {
  // "9 31" is how a speech recogniser writes 09:31.
  const m = /^(\d{1,2})(?::| )?(\d{2})(?:\s*(?:hours|hrs?))?$/i.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}

/** Spoken value → compact form: `150 over 90` → `150/90`, `90 palp` → `90/P`, `8 out of 10` → `8/10`. */
export function normaliseVitalValue(kind: VitalKind, raw: string): string {
  const v = raw.toLowerCase().replace(/\s+/g, ' ').trim();
  if (kind === 'bp') return v.replace(/\s*(?:\/|over|\son\s|\sto\s)\s*/, '/').replace(/\s*(?:by\s+)?palp\w*/, '/P');
  if (kind === 'pain') return v.replace(/\s*(?:\/|out of|over)\s*/, '/');
  return v;
}
