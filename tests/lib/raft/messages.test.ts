// The etcd quorum screen's catalogue: every code the raft engine can hand the UI has words in both
// languages and the Chinese uses the glossary's words for Raft's roles (the punctuation of the whole
// catalogue is checked in tests/lib/zh-catalogue.test.ts).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { en, zhCN } from '../../../src/lib/i18n/messages/raft';
import { SCENARIOS } from '../../../src/lib/raft/scenarios';
import { ScenarioPlayer } from '../../../src/lib/raft/scenario-player';
import { RaftSimulation } from '../../../src/lib/raft/simulation';

describe('raft messages', () => {
  it('translate the Raft roles instead of leaving them in English', () => {
    const english = Object.entries(zhCN).filter(([, text]) => /\b(leader|follower|candidate|Leader|learner|Learner)\b/.test(text.replace(/\{\w+\}|\(learner\)|（learner）/g, '')));
    expect(english).toEqual([]);
  });

  it('use the glossary words for Raft in zh-CN (docs/glossary.zh-CN.md)', () => {
    const glossary = readFileSync('docs/glossary.zh-CN.md', 'utf8');
    const rows = new Map(
      glossary.split('\n').filter((line) => line.startsWith('|') && !line.startsWith('|--') && !line.startsWith('| en')).map((line) => {
        const [term, chinese] = line.split('|').slice(1, 3).map((cell) => cell.trim());
        return [term!, chinese!];
      }),
    );
    for (const [term, key] of [['leader', 'raft.sim.role.leader'], ['follower', 'raft.sim.role.follower'], ['candidate', 'raft.sim.role.candidate'], ['pre-candidate', 'raft.sim.role.precandidate']] as const) {
      expect(zhCN[key], term).toBe(rows.get(term));
    }
    expect(zhCN['raft.side.A']).toContain(rows.get('partition side'));
    expect(zhCN['raft.zones.membersIn']).toContain(rows.get('zone'));
    // A side is never called a zone and the other way round.
    expect(rows.get('partition side')).not.toBe(rows.get('zone'));
    expect(zhCN['raft.side.A']).not.toContain(rows.get('zone'));
  });

  it('word every narration of every scenario in both languages', () => {
    for (const scenario of SCENARIOS) {
      for (const options of [{}, { leaderNoOp: false }, { leaderNoOp: false, commitRule: 'countReplicas' as const }]) {
        const player = new ScenarioPlayer(scenario.id, options);
        const keys = [player.narration().key];
        while (!player.finished) {
          player.next();
          keys.push(player.narration().key);
        }
        for (const key of keys) {
          expect(en[key], key).toBeTruthy();
          expect(zhCN[key], key).toBeTruthy();
        }
      }
    }
  });

  it('word the events the simulation records', () => {
    const sim = new RaftSimulation({ members: 3, seed: 4 });
    sim.advanceBy(5000);
    sim.clientWriteTo(0, 'a');
    sim.setGroups([0, 1, 1]);
    sim.advanceBy(5000);
    for (const event of sim.events) expect(en[event.code], event.code).toBeTruthy();
  });
});
