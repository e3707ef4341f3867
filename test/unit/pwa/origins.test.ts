import { describe, expect, it } from 'vitest';
import { foreignRequests } from '../../support/origins';

describe('foreignRequests (the no-egress check)', () => {
  const allowed = ['http://127.0.0.1:4000', 'https://district.example.kz'];
  it('passes the kiosk, the district and in-page URLs', () => {
    expect(
      foreignRequests(
        ['http://127.0.0.1:4000/models/a.onnx', 'https://district.example.kz/v1/events', 'data:,x', 'blob:http://127.0.0.1:4000/1'],
        allowed,
      ),
    ).toEqual([]);
  });
  it('names another port, scheme or host, a CDN, and an unparseable URL, once each', () => {
    expect(
      foreignRequests(
        [
          'http://127.0.0.1:4001/',
          'https://127.0.0.1:4000/',
          'https://cdn.jsdelivr.net/npm/onnxruntime-web/dist/ort.wasm',
          'https://cdn.jsdelivr.net/npm/onnxruntime-web/dist/ort.wasm',
          'ws://district.example.kz/live',
          'not a url',
        ],
        allowed,
      ),
    ).toEqual([
      'http://127.0.0.1:4001/',
      'https://127.0.0.1:4000/',
      'https://cdn.jsdelivr.net/npm/onnxruntime-web/dist/ort.wasm',
      'ws://district.example.kz/live',
      'not a url',
    ]);
  });
});
