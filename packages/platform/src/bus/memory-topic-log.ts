/** One record as stored by the in-memory bus; its offset is its index in the partition log. */
export interface StoredRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
  timestamp: number;
}

/**
 * An append-only partition log. Offsets never move; compaction leaves a hole (`undefined`) where a
 * superseded record was, exactly as a reader of a compacted Kafka partition sees gaps in offsets.
 */
class PartitionLog {
  readonly records: (StoredRecord | undefined)[] = [];
  private readonly latestByKey: Map<string, number> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(compacted: boolean) {
    this.latestByKey = compacted ? new Map() : undefined;
  }

  append(record: StoredRecord): void {
    const offset = this.records.length;
    this.records.push(record);
    if (this.latestByKey) {
      const previous = this.latestByKey.get(record.key);
      if (previous !== undefined) this.records[previous] = undefined;
      this.latestByKey.set(record.key, offset);
    }
  }

  /** The first retained offset at or after `from`, or undefined when the reader is at the end. */
  nextOffset(from: number): number | undefined {
    for (let offset = from; offset < this.records.length; offset++) {
      if (this.records[offset] !== undefined) return offset;
    }
    return undefined;
  }

  get endOffset(): number {
    return this.records.length;
  }

  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

export interface TopicLog {
  name: string;
  compacted: boolean;
  partitions: PartitionLog[];
}

export function createTopicLog(name: string, partitions: number, compacted: boolean): TopicLog {
  const count = Math.max(1, Math.floor(partitions));
  return { name, compacted, partitions: Array.from({ length: count }, () => new PartitionLog(compacted)) };
}

/**
 * Stable key → partition mapping (FNV-1a, 32 bit). Not Kafka's murmur2: the in-memory bus only
 * needs "same key, same partition" for per-key ordering, not the same partition numbers as Kafka.
 */
export function partitionForKey(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}
