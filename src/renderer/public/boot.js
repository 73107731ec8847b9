/*
 * Reseller Desk start-up prefetch. A classic script in <head>, so it runs while the HTML
 * is parsed, before the app's bundle is fetched, compiled and started. When the window
 * opens on the customer list it asks main for the table's first page right away, so the
 * answer is usually back before React's first render and the first frame already has
 * rows. The app takes the answer (src/renderer/src/pages/customers/first-page-prefetch.ts)
 * only when this input is exactly what the table would ask for; otherwise it asks again.
 * Plain ES5 and no imports: it is copied as is, ahead of the bundle.
 */
(function () {
  'use strict';
  var api = window.api;
  if (!api || typeof api['customers:list'] !== 'function') return;
  var route = window.location.hash.replace(/^#/, '').split('?')[0];
  if (route !== '/customers' && route !== '/customers/') return;
  var input = { sort: 'name', direction: 'asc', offset: 0, limit: 100 };
  var entry = { channel: 'customers:list', input: input, at: performance.now(), answer: undefined, promise: undefined };
  entry.promise = Promise.resolve(api['customers:list'](input)).then(function (answer) {
    entry.answer = answer;
    return answer;
  });
  // A transport failure is the table's to report when it asks again.
  entry.promise.catch(function () {});
  Object.defineProperty(window, '__rdPrefetch', { value: entry, configurable: true });
})();
