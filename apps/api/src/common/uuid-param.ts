import { ParseUUIDPipe } from '@nestjs/common';
import { InvalidInputError } from './errors';

/** `@Param('id', UuidParam)`: a malformed id is a 400 naming `id`, in the same shape as every other bad input. */
export const UuidParam = new ParseUUIDPipe({
  exceptionFactory: () =>
    new InvalidInputError((lang) => ({ id: [lang === 'zh' ? 'id 须为 UUID' : 'id must be a UUID'] })),
});
