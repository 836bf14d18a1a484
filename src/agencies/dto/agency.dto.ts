import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateAgencyDto {
  /** Short stable code, e.g. "MTAX". */
  @ApiProperty({ pattern: '^[A-Z0-9][A-Z0-9\\-]{1,39}$', maxLength: 40 })
  @Transform(trim)
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,39}$/, { message: 'code must be 2-40 capital letters, digits or dashes' })
  code: string;

  @Transform(trim)
  @IsString()
  @Length(2, 300)
  name: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(2, 300)
  nameEn?: string;

  @IsOptional()
  @IsUUID()
  parentId?: string;
}

export class AgencyDto {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  parentId: string | null;
}

export class AgencyListDto {
  items: AgencyDto[];
}
