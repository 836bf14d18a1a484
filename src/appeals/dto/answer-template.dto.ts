import { Transform } from 'class-transformer';
import { IsString, IsUUID, Length } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** An answer template's wording (the table holds the same bounds). */
export class UpdateAnswerTemplateDto {
  @Transform(trim)
  @IsString()
  @Length(2, 200)
  title: string;

  /** Azerbaijani text (Art. 7.5) with {registrationNumber}, {receivedOn}, {applicantName}, {today}. */
  @Transform(trim)
  @IsString()
  @Length(10, 20_000)
  body: string;
}

export class CreateAnswerTemplateDto extends UpdateAnswerTemplateDto {
  /** The agency whose officials use it. */
  @IsUUID()
  agencyId: string;
}

export class AnswerTemplateDto {
  id: string;
  agencyId: string;
  title: string;
  body: string;
  updatedAt: string;
}
