import { describe, expect, it } from 'vitest';
import { tidySvg } from './svg-tidy.ts';

describe('tidySvg', () => {
  it('drops attribute-free and identity groups but keeps their content and every transform', () => {
    const svg =
      '<svg><g class="mark-group" role="graphics-object"><g transform="translate(0,0)">' +
      '<g transform="translate(5,6)"><text>A</text></g></g></g><g transform="translate(1,2)"><path d="M0,0L1,1"/></g></svg>';
    expect(tidySvg(svg)).toBe(
      '<svg><g transform="translate(5,6)"><text>A</text></g><g transform="translate(1,2)"><path d="M0,0L1,1"/></g></svg>',
    );
  });

  it('keeps later groups inside their parent when an empty group (no bands, no values) precedes them', () => {
    const svg =
      '<svg><g transform="translate(52,21)"><g><g clip-path="url(#clip1)"/><g/></g>' +
      '<g transform="translate(-49,-18)"><text>Title</text></g></g></svg>';
    expect(tidySvg(svg)).toBe(
      '<svg><g transform="translate(52,21)"><g transform="translate(-49,-18)"><text>Title</text></g></g></svg>',
    );
  });

  it('removes invisible backgrounds and accessibility attributes', () => {
    const svg =
      '<svg><path class="background" aria-hidden="true" d="M0,0h0v0h0Z" pointer-events="none"/>' +
      '<path class="background" d="M0,0h84v10h-84Z"/><path class="background" d="M0,0h9v9h-9Z" stroke="#ddd"/>' +
      '<line opacity="1" aria-hidden="true" x2="5"/></svg>';
    expect(tidySvg(svg)).toBe('<svg><path d="M0,0h9v9h-9Z" stroke="#ddd"/><line x2="5"/></svg>');
  });
});
