import { TextInput, type TextInputProps } from '@mantine/core';

/** 10-digit mobile number with the "+91 -" prefix; keeps digits only as the person types. */
export function MobileInput({ onChange, ...props }: Omit<TextInputProps, 'onChange'> & { onChange: (e: { currentTarget: { value: string } }) => void }) {
  return (
    <TextInput
      {...props}
      type="tel"
      inputMode="numeric"
      autoComplete="tel-national"
      maxLength={10}
      leftSection="+91 -"
      leftSectionWidth={56}
      styles={{ section: { color: '#505A5F', fontSize: 16 } }}
      onChange={(e) => onChange({ currentTarget: { value: e.currentTarget.value.replace(/\D/g, '') } })}
    />
  );
}
