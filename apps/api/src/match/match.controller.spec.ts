import type { Request, Response } from 'express';
import type { MatchResult } from '@app/engine';
import { CpuTurns } from '../common/cpu-turns';
import type { RulePackService } from '../rule-pack/rule-pack.service';
import { MatchController } from './match.controller';

describe('MatchController', () => {
  const result = { rulePackVersion: 'v', results: [] } as unknown as MatchResult;
  const setup = () => {
    const rules = {
      matchWithLadder: jest.fn(() => result),
      json: { write: jest.fn(() => Buffer.from('{}')) },
    };
    const res = { setHeader: jest.fn(), end: jest.fn(), statusCode: 0 };
    const controller = new MatchController(rules as unknown as RulePackService, new CpuTurns());
    const match = (destroyed: boolean) =>
      controller.match(
        { city: 'shenzhen' },
        'zh',
        '2026-11-27',
        { socket: { destroyed } } as unknown as Request,
        res as unknown as Response,
      );
    return { rules, res, match };
  };

  it('matches in its turn and sends the body', async () => {
    const { rules, res, match } = setup();
    const pending = match(false);
    expect(rules.matchWithLadder).not.toHaveBeenCalled(); // queued, not run inside the handler

    await pending;
    expect(rules.matchWithLadder).toHaveBeenCalledWith({ city: 'shenzhen' }, 'zh', '2026-11-27');
    expect(res.end).toHaveBeenCalledTimes(1);
    expect(res.statusCode).toBe(200);
  });

  it('does not match a request whose client left while it waited for its turn', async () => {
    const { rules, res, match } = setup();
    await match(true);
    expect(rules.matchWithLadder).not.toHaveBeenCalled();
    expect(res.end).not.toHaveBeenCalled();
  });
});
