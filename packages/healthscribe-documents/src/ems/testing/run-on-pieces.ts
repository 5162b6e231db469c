/** The first piece a split dictation holds the given words in (undefined when none does): what the run-on tests look at. */
export const pieceWith = (pieces: readonly string[], words: string): string | undefined => pieces.find((p) => p.includes(words));
