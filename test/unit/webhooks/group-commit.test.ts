import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommitter } from '../../../src/main/webhooks/group-commit';

let db: Database.Database;

beforeEach(() => {
  db = new Database(':memory:');
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY)');
});

afterEach(() => db.close());

const keys = () => db.prepare('SELECT k FROM t ORDER BY k').pluck().all();

describe('webhook group commit', () => {
  it('commits deliveries that arrive together once, and answers each only after its writes are stored', async () => {
    const commits = new GroupCommitter(db);
    const seenAtAnswer: unknown[][] = [];
    const jobs = ['a', 'b', 'c'].map((k) =>
      commits.submit(() => db.prepare('INSERT INTO t (k) VALUES (?)').run(k).changes).then((n) => {
        expect(db.inTransaction).toBe(false);
        seenAtAnswer.push(keys());
        return n;
      }),
    );
    expect(keys()).toEqual([]); // nothing written before the group runs
    expect(await Promise.all(jobs)).toEqual([1, 1, 1]);
    for (const seen of seenAtAnswer) expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('rolls back only the delivery that failed; the others are stored', async () => {
    const commits = new GroupCommitter(db);
    const ok = commits.submit(() => db.prepare('INSERT INTO t (k) VALUES (?)').run('a'));
    const bad = commits.submit(() => {
      db.prepare('INSERT INTO t (k) VALUES (?)').run('b');
      throw new Error('effect failed');
    });
    const dup = commits.submit(() => db.prepare('INSERT INTO t (k) VALUES (?)').run('a'));
    await expect(ok).resolves.toBeDefined();
    await expect(bad).rejects.toThrow('effect failed');
    await expect(dup).rejects.toThrow(/UNIQUE/);
    expect(keys()).toEqual(['a']);
  });
});
