// The module the gateway generates and serves as /ui/vocabulary.js (ui-vocabulary.ts); typed here
// for the browser modules' type check.
import type { UiVocabulary } from './ui-vocabulary.js';

declare const vocabulary: UiVocabulary;
export default vocabulary;
