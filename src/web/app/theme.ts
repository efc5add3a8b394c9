import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * A calm theme: one blue, generous spacing, and shades dark enough for WCAG AA contrast
 * (Mantine's default blue-6 on white is 3.5:1; shade 8 is 5.7:1).
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 5 },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Ubuntu, sans-serif',
  headings: { fontWeight: '650' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  colors: {
    // Deadlines and reworks: an orange dark enough for text on white (shade 8: 8.5:1).
    warn: [
      '#fff4e6',
      '#ffe8cc',
      '#ffd8a8',
      '#ffc078',
      '#ffa94d',
      '#e8590c',
      '#c2410c',
      '#a63c06',
      '#8a3205',
      '#6f2804',
    ],
  },
  focusRing: 'auto',
});

/** Dimmed and error text darker than Mantine's defaults, to keep 4.5:1 on white and on gray-0. */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7],
    '--mantine-color-placeholder': t.colors.gray[6],
    // Field errors: red-9 keeps 4.5:1 on white and on the page's gray.
    '--mantine-color-error': t.colors.red[9],
  },
  dark: {},
});
