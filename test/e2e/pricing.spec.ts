import { expect, test } from './harness/fixtures';

test('edit the pricebook and watch the calculator change before saving; the margin guard warns below cost', async ({ desk }) => {
  const { page } = desk;
  await desk.open('/pricing');
  // The seed's port: $2.00/day for 30 days at the default 20 % margin.
  await expect(page.getByTestId('quote-saved-cost')).toHaveText('$60.00');
  await expect(page.getByTestId('quote-saved-price')).toHaveText('$72.00');

  await page.getByLabel('Margin on ports (%)').fill('25');
  await expect(page.getByTestId('quote-draft-price')).toHaveText('$75.00');
  await expect(page.getByTestId('quote-draft-margin')).toContainText('$15.00');
  await expect(page.getByTestId('quote-draft-rules')).toContainText('25%');
  await expect(page.getByTestId('quote-saved-price')).toHaveText('$72.00'); // nothing saved yet
  expect((await desk.call('pricing:get')).port.marginPercent).toBe('20');
  await desk.screenshots('pricing-draft');

  await page.getByRole('button', { name: 'Save pricebook' }).click();
  await expect(page.getByText('Pricebook saved.')).toBeVisible();
  await expect(page.getByTestId('quote-draft-price')).toBeHidden();
  await expect(page.getByTestId('quote-saved-price')).toHaveText('$75.00');
  expect((await desk.call('pricing:get')).port.marginPercent).toBe('25');

  // Below cost: the margin guard's warning is shown with the draft.
  await page.getByLabel('Margin on ports (%)').fill('-10');
  await expect(page.getByTestId('quote-draft-price')).toHaveText('$54.00');
  await expect(page.getByTestId('quote-draft-warning')).toBeVisible();
  await expect(page.getByTestId('quote-saved-warning')).toBeHidden();
  await page.getByRole('button', { name: 'Dismiss' }).first().click();
  await desk.screenshots('pricing-margin-guard');

  // Text that is not a percentage is refused by the contract's schema, under its field.
  await page.getByLabel('Margin on ports (%)').fill('lots');
  await expect(page.getByText(/must be a percentage/)).toBeVisible();
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByLabel('Margin on ports (%)')).toHaveValue('25');
});

test('multiplier mode and a country override, priced by main', async ({ desk }) => {
  const { page } = desk;
  await desk.open('/pricing');
  await page.getByRole('group', { name: 'Pricing mode' }).getByText('Multiplier').click();
  await page.getByLabel('Multiplier for ports').fill('1.5');
  await page.getByLabel('Multiplier for traffic').fill('1.5');
  await expect(page.getByTestId('quote-draft-price')).toHaveText('$90.00'); // $2.00 × 1.5 × 30
  await page.getByRole('button', { name: 'Save pricebook' }).click();
  await expect(page.getByText('Pricebook saved.')).toBeVisible();
  expect((await desk.call('pricing:get')).mode).toBe('multiplier');

  await page.getByRole('group', { name: 'Pricing mode' }).getByText('Margin').click();
  await page.getByRole('button', { name: 'Add a country' }).click();
  await page.getByLabel('Override 1: country code').fill('de');
  await page.getByLabel('Override 1: margin (%)').fill('50');
  await page.getByLabel('Country', { exact: true }).fill('DE');
  await expect(page.getByTestId('quote-draft-price')).toHaveText('$90.00'); // 50 % on $60.00
  await page.getByRole('button', { name: 'Save pricebook' }).click();
  await expect(page.getByText('Pricebook saved.')).toBeVisible();
  const book = await desk.call('pricing:get');
  expect(book.mode).toBe('margin');
  expect(book.countryOverrides).toEqual([{ country: 'DE', marginPercent: '50' }]);
  await desk.screenshots('pricing-country-override');
});
