// Prints the closing "N passed, N failed" line after node:test's own report.
export default async function* summary(source) {
  let passed = 0;
  let failed = 0;
  for await (const event of source) {
    if (event.type === "test:pass" && !event.data.details?.type) passed++;
    else if (event.type === "test:fail" && !event.data.details?.type) failed++;
  }
  yield `\n${passed} passed, ${failed} failed\n`;
}
