import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** The look of UI.md §1: DIGIT orange, #0B4B66 header, square buttons and inputs, 3px cards. */
export const COLORS = {
  primary: '#F47738',
  header: '#0B4B66',
  background: '#EEEEEE',
  text: '#0B0C0C',
  textSecondary: '#505A5F',
  hint: '#B1B4B6',
  error: '#D4351C',
  success: '#00703C',
  border: '#D6D5D4',
} as const;

// Shade 6 is the brand orange; 8 is DIGIT's dark orange (#C8602B), used for hover.
const orange: MantineColorsTuple = [
  '#FEEFE7', '#FCDCC9', '#F9BE9B', '#F7A06D', '#F58A4F', '#F47F43', '#F47738', '#DC6A30', '#C8602B', '#A94F22',
];
const teal: MantineColorsTuple = [
  '#E6F0F4', '#C4DAE3', '#9CC1D0', '#72A6BC', '#4C8CA7', '#2A7593', '#16617F', '#0B4B66', '#083D53', '#052E3F',
];

const FONT = "Roboto, 'Noto Sans Devanagari', 'Noto Sans Gurmukhi', system-ui, sans-serif";

export const theme = createTheme({
  primaryColor: 'orange',
  primaryShade: 6,
  colors: { orange, teal },
  fontFamily: FONT,
  headings: { fontFamily: FONT, fontWeight: '700' },
  black: COLORS.text,
  defaultRadius: 0,
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    Button: { defaultProps: { radius: 0 } },
    TextInput: { defaultProps: { radius: 0, size: 'md' } },
    PasswordInput: { defaultProps: { radius: 0, size: 'md' } },
    Select: { defaultProps: { radius: 0, size: 'md' } },
    Card: { defaultProps: { radius: 3, shadow: 'xs', withBorder: false } },
    Paper: { defaultProps: { radius: 3 } },
    Modal: { defaultProps: { radius: 3, centered: true } },
  },
});
