import { describe, expect, it } from 'vitest';
import { ASCII_GLYPHS, UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { clock, presenterFooter } from '../../src/viewmodel/presenter-frame.js';
import { lineWidth, plain } from '../../src/viewmodel/styled.js';

describe('presenter footer', () => {
  it.each([
    [0, '0:00'],
    [59_999, '0:59'],
    [61_000, '1:01'],
    [3_723_000, '1:02:03'],
  ])('clock(%i) is %s', (ms, text) => expect(clock(ms)).toBe(text));

  it('shows the item, a progress bar, the meeting and item time and the budget', () => {
    const line = presenterFooter({ item: 2, count: 10, title: 'Corporate Risk Register', meetingMs: 723_000, itemMs: 130_000, minutes: 5 }, 100, UNICODE_GLYPHS);
    expect(plain(line)).toBe('item 3 / 10 · Corporate Risk Register                 ████░░░░░░░░  meeting 12:03 · item 2:10 / 5:00');
    expect(lineWidth(line)).toBeLessThanOrEqual(100);
  });

  it('warns of an overrun, in words and in ASCII when asked', () => {
    const line = presenterFooter({ item: 0, count: 2, title: 'Overview', meetingMs: 400_000, itemMs: 365_000, minutes: 5 }, 80, ASCII_GLYPHS);
    expect(plain(line)).toMatch(/item 6:05 \/ 5:00 ! over by 1:05$/);
    expect(plain(line)).toMatch(/^[\x20-\x7e]*$/);
  });

  // An agenda's `minutes:` may be any finite positive number (1.8e308 passes check): the footer
  // read "item 0:00 / Infinity:NaN:NaN", and 1e20 minutes took 19 digits of the footer.
  it.each([1.7976931348623157e308, 1e20, Infinity, NaN])('an extreme budget (%d minutes) reads as a bounded clock, never Infinity or NaN', (minutes) => {
    const line = presenterFooter({ item: 0, count: 3, title: 'Overview', meetingMs: 1, itemMs: 1, minutes }, 80, UNICODE_GLYPHS);
    expect(plain(line)).not.toMatch(/Infinity|NaN/);
    expect(plain(line)).toMatch(/item 0:00 \/ >9999h$/);
    expect(clock(minutes * 60_000)).toBe('>9999h');
  });

  it('fits narrow terminals and shows digits typed to jump', () => {
    for (const w of [60, 80, 120]) {
      const line = presenterFooter({ item: 16, count: 17, title: 'A very long agenda item title that goes on and on', meetingMs: 1, itemMs: 1, digits: '12' }, w, UNICODE_GLYPHS);
      expect(lineWidth(line)).toBeLessThanOrEqual(w);
      expect(plain(line)).toContain('go to 12');
    }
  });
});
