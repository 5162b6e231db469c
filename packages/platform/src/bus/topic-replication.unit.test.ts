import { describe, expect, it } from 'vitest';
import { topicReplicationFor } from './topic-replication.js';

describe('topicReplicationFor', () => {
  it('leaves a cluster of one or two brokers to its own defaults', () => {
    expect(topicReplicationFor('auto', 1)).toEqual({ configEntries: [] });
    expect(topicReplicationFor('auto', 2)).toEqual({ configEntries: [] });
  });

  it('replicates to three with min.insync.replicas=2 once the cluster has three brokers or more', () => {
    for (const brokers of [3, 5])
      expect(topicReplicationFor('auto', brokers)).toEqual({
        replicationFactor: 3,
        configEntries: [{ name: 'min.insync.replicas', value: '2' }],
      });
  });

  it('uses an explicit setting whatever the cluster size', () => {
    expect(topicReplicationFor({ factor: 2, minInsyncReplicas: 1 }, 3)).toEqual({
      replicationFactor: 2,
      configEntries: [{ name: 'min.insync.replicas', value: '1' }],
    });
  });
});
