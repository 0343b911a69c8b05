import { describe, expect, it } from 'vitest';
import { harnessSocketUrl } from './ws-client.js';

describe('the harness socket address', () => {
  it('is the page origin with the socket scheme, the api path and the launch secret', () => {
    expect(harnessSocketUrl('http://127.0.0.1:5173/index.html?x=1#top', 'a+b/c d')).toBe('ws://127.0.0.1:5173/api?key=a%2Bb%2Fc%20d');
    expect(harnessSocketUrl('https://Localhost/', 'k')).toBe('wss://localhost/api?key=k');
  });

  it('refuses an address that is not a web page', () => {
    expect(() => harnessSocketUrl('file:///tmp/index.html', 'k')).toThrow(/file:/);
  });
});
