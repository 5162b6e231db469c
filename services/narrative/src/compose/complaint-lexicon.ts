/**
 * Words that state a complaint or presenting problem when said about the patient ("80 yo female
 * with right hip pain", "found confused and shivering"). A reviewer reads these as the chief
 * complaint even without "complains of". One entry per line so the list is easy to extend.
 */
export const COMPLAINT_WORDS: readonly string[] = [
  'pain', 'pains', 'ache', 'aches', 'aching', 'hurts', 'hurting', 'pressure', 'tightness', 'discomfort',
  'short of breath', 'shortness of breath', 'difficulty breathing', 'trouble breathing', 'can\'t breathe', 'wheezing', 'stridor',
  'dizzy', 'dizziness', 'lightheaded', 'light-headed', 'weak', 'weakness', 'fatigue', 'malaise',
  'nausea', 'nauseated', 'nauseous', 'vomiting', 'vomited', 'diarrhea',
  'confused', 'confusion', 'altered', 'disoriented', 'unresponsive', 'lethargic', 'shivering', 'agitated', 'combative',
  'palpitations', 'racing', 'fluttering', 'syncope', 'syncopal', 'passed out', 'fainted', 'near syncope',
  'seizure', 'seizures', 'seized', 'seizing', 'postictal',
  'fever', 'febrile', 'chills', 'headache', 'numbness', 'tingling', 'slurred', 'facial droop',
  'bleeding', 'laceration', 'deformity', 'swelling', 'hives', 'itching', 'rash',
  'fell', 'fall', 'slipped', 'tripped', 'collapsed', 'injury', 'injured',
  'labor', 'contractions', 'crowning',
  'worse', 'worsening', 'swollen', 'gave out', 'hurt herself', 'hurt himself', 'hurt themselves', 'kill herself', 'kill himself', 'self-harm',
  'suicidal', 'overdose', 'ingestion', 'intoxicated', 'hypoglycemic', 'hyperglycemic', 'cardiac arrest', 'pulseless', 'apneic', 'no pulse', 'not breathing',
];

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
/** A complaint word not directly negated ("denies chest pain" is a pertinent negative, not the complaint). */
export const COMPLAINT_RE = new RegExp(String.raw`(?<!\b(?:no|denies|denied|without|negative for)\s(?:[\w-]+\s){0,2})\b(?:${COMPLAINT_WORDS.map(escape).join('|')})\b`, 'i');
