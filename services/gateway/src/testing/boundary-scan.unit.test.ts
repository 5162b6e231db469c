import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { scanForBoundaryLeaks } from './boundary-scan.js';

const res = (body: string, headers: Record<string, string> = {}) => ({ body, headers }) as unknown as LightMyRequestResponse;

describe('browser boundary scan', () => {
  it('finds each kind of storage identifier and foreign tenant id, in bodies and headers', () => {
    const leaks = [
      res('{"k":"AKIAIOSFODNN7EXAMPLE"}'),
      res('{"key":"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}'),
      res('{"role":"arn:aws:iam::123456789012:role/HealthScribeAccess"}'),
      res('{"u":"s3://medicdraft-input/x"}'),
      res('{"k":"south-metro-fire/2026/11/23/3f1c2a9e-5b7d-4c21-8a10-0000000000d1/audio.wav"}'),
      res('{}', { 'x-bucket': 'acme-phi-input' }),
      res('{"tenant":"north-valley-ems"}'),
    ];
    const findings = scanForBoundaryLeaks(
      leaks.map((r) => ({ callerTenant: 'south-metro-fire', res: r })),
      { tenants: ['south-metro-fire', 'north-valley-ems'], buckets: ['acme-phi-input'] },
    );
    expect(findings.map((f) => [f.index, f.kind])).toEqual([
      [0, 'aws_access_key_id'],
      [1, 'arn'],
      [2, 'arn'],
      [3, 's3_uri'],
      [4, 'object_key'],
      [5, 'bucket_name'],
      [6, 'foreign_tenant_id'],
    ]);
  });

  it("allows the caller's own tenant id and ids that merely contain another id", () => {
    const ok = [res('{"tenant":"south-metro-fire","other":"north-valley-ems-archive"}')];
    expect(
      scanForBoundaryLeaks(
        ok.map((r) => ({ callerTenant: 'south-metro-fire', res: r })),
        { tenants: ['south-metro-fire', 'north-valley-ems'] },
      ),
    ).toEqual([]);
  });
});
