import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, Max, Min } from 'class-validator';

/** `POST /api/screenings/:id/cases`: the tenant rows (row numbers of the uploaded file) to send to review. */
export class SendTenantsDto {
  @ApiProperty({ type: [Number], minItems: 1, maxItems: 500, description: 'row numbers as in the results' })
  @IsArray({ message: 'rows must be a list of row numbers' })
  @ArrayMinSize(1, { message: 'rows must name at least one row' })
  @ArrayMaxSize(500, { message: 'rows may name at most 500 rows at a time' })
  @ArrayUnique({ message: 'rows must not repeat a row' })
  @IsInt({ each: true, message: 'each row must be a whole number' })
  @Min(1, { each: true, message: 'each row must be at least 1' })
  @Max(100_000_000, { each: true, message: 'each row must be at most 100000000' })
  rows: number[];
}
