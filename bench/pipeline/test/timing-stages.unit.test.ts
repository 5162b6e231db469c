import { describe, expect, it } from 'vitest';
import { dictationStages, parseTimingLog, STAGES, stageTable } from '../timing-stages.js';

/** One dictation's calls, as the preload writes them (service, what, start epoch ms, duration ms), from `t0`. */
const dictation = (t0: number) =>
  [
    ['ingest', 'S3Client.PutObjectCommand', 0, 10],
    ['ingest', 'pg:COMMIT', 14, 1],
    ['scribe', 'kafka.sendBatch', 30, 2],
    ['scribe', 'TranscribeClient.StartMedicalScribeJobCommand', 35, 20],
    ['scribe', 'TranscribeClient.GetMedicalScribeJobCommand', 60, 5],
    ['scribe', 'TranscribeClient.GetMedicalScribeJobCommand', 90, 5],
    ['scribe', 'S3Client.GetObjectCommand', 96, 8],
    ['scribe', 'S3Client.GetObjectCommand', 96, 10],
    ['scribe', 'S3Client.PutObjectCommand', 107, 9],
    ['scribe', 'S3Client.PutObjectCommand', 107, 11],
    ['scribe', 'kafka.sendBatch', 125, 3],
    ['narrative', 'S3Client.GetObjectCommand', 130, 12],
    ['narrative', 'S3Client.GetObjectCommand', 130, 15],
    ['narrative', 'S3Client.PutObjectCommand', 155, 8],
    ['narrative', 'kafka.sendBatch', 170, 4],
  ]
    .map(([service, what, at, ms]) => `${String(service)}\t${String(what)}\t${t0 + Number(at)}\t${Number(ms)}`)
    .join('\n');

describe('the stages of one dictation in the timing log', () => {
  it('splits the log at each audio upload and measures each stage from the end of the one before', () => {
    const calls = parseTimingLog(`${dictation(1_000)}\n${dictation(5_000)}\n`);
    const stages = dictationStages(calls);
    expect(stages).toHaveLength(2);
    // PUT 10; to the start 25; start 20; to the done poll's end 40; reads 11; stores 12; relay 10; narrative reads 17;
    // lookup and compose 10; its store 8; its relay 11: 174 ms from the upload's start to the publish's end.
    expect(stages[0]).toEqual([10, 25, 20, 40, 11, 12, 10, 17, 10, 8, 11]);
    expect(stages[0]!.reduce((a, b) => a + b, 0)).toBe(174);
    expect(stages[1]).toEqual(stages[0]);
  });

  it('leaves out a dictation whose window lacks a call a stage ends at (no narrative yet)', () => {
    const cut = dictation(1_000).split('\n').slice(0, 11).join('\n');
    expect(dictationStages(parseTimingLog(`${cut}\n${dictation(5_000)}`))).toHaveLength(1);
  });

  it('names every stage once and gives NaN for an empty log, so no figure can pass unseen', () => {
    const table = stageTable([]);
    expect(table.map((r) => r.stage)).toEqual([...STAGES]);
    expect(table.every((r) => Number.isNaN(r.ms.p50))).toBe(true);
  });
});
