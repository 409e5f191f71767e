import { z } from 'zod';

/** Plain messages for the commonest problems, shown to users in forms, imports and API errors. */
z.config({
  customError: (issue) => {
    if (issue.code === 'invalid_type' && issue.input === undefined) return 'This field is required';
    if (issue.code === 'invalid_value' && 'values' in issue) return `Choose one of: ${issue.values.map(String).join(', ')}`;
    return undefined;
  },
});
