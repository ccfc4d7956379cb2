import { describe, expect, it } from 'vitest';
import { FileGrants } from '../../../electron/main/grants';

describe('FileGrants', () => {
  it('grants an absolute path once, under an unguessable id, and resolves the id back', () => {
    const grants = new FileGrants();
    const grant = grants.grant('/home/u/speech.wav');
    expect(grant).toEqual({ id: grant.id, path: '/home/u/speech.wav', name: 'speech.wav' });
    expect(grant.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(grants.grant('/home/u/../u/speech.wav').id).toBe(grant.id);
    expect(grants.resolve(grant.id)).toBe(grant);
  });

  it('fails clearly with AccessDeniedError for an id that was never granted', () => {
    const grants = new FileGrants();
    grants.grant('/home/u/speech.wav');
    expect(() => grants.resolve('/etc/passwd')).toThrow(
      expect.objectContaining({
        name: 'AccessDeniedError',
        message: expect.stringMatching(/^no file with id '\/etc\/passwd' was opened in this session/),
      }),
    );
  });

  it('fails clearly for a relative path (only absolute paths the user chose are granted)', () => {
    expect(() => new FileGrants().grant('speech.wav')).toThrow(/refusing 'speech\.wav'/);
  });
});
