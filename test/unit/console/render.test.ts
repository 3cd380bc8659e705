import { ansiStyle, consoleText, renderCard } from '../../../src/console/render';
import { roomMark, userMark } from '../../../src/core/markup';

describe('the console’s text', () => {
  it('GIVEN calma’s marks WHEN shown THEN they read as @name and #room', () => {
    expect(consoleText(`${userMark('ana')} opened ${roomMark({ id: 'crisis-1', name: 'crisis-1' })}`)).toBe(
      '@ana opened #crisis-1',
    );
  });

  it('GIVEN a title typed with terminal escapes WHEN its card is printed THEN the only escapes are calma’s own styling', () => {
    const hostile = 'Spam\u001b[2J\u001b]0;owned\u0007 \u0000here';

    const printed = renderCard({ title: hostile, lines: [hostile], context: hostile }, ansiStyle, 1);

    const styling = ['\u001b[1m', '\u001b[22m', '\u001b[2m'];
    expect(styling.reduce((text, code) => text.replaceAll(code, ''), printed)).toBe(
      ['Spam[2J]0;owned here', '  Spam[2J]0;owned here', '  Spam[2J]0;owned here'].join('\n'),
    );
  });
});
