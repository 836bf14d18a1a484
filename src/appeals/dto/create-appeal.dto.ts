import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly, TrimToUndefined } from '../../platform/http/validators';
import { APPEAL_TYPES, AppealType, Channel, CHANNELS, PARTY_KINDS, PartyKind, Regime, REGIMES } from '../domain/appeal-types';

/** Size limits keep one appeal bounded (DEVELOPERS.md "Security": limit sizes). */
export const LIMITS = {
  subject: 300,
  text: 20_000,
  name: 200,
  organisation: 300,
  address: 500,
  phone: 40,
  coApplicants: 100,
  respondentOfficial: 300,
  authorityDocument: 500,
} as const;

export class PartyDto {
  @IsIn(PARTY_KINDS as unknown as string[])
  kind: PartyKind;

  /** Name, patronymic and surname of a natural person (Art. 6.3). */
  @IsOptional()
  @TrimToUndefined()
  @IsString()
  @MaxLength(LIMITS.name)
  fullName?: string;

  /** Name of a legal person (Art. 6.3). */
  @IsOptional()
  @TrimToUndefined()
  @IsString()
  @MaxLength(LIMITS.organisation)
  organisationName?: string;

  /** Residence or workplace; legal address for a legal person. */
  @IsOptional()
  @TrimToUndefined()
  @IsString()
  @MaxLength(LIMITS.address)
  address?: string;

  @IsOptional()
  @TrimToUndefined()
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email?: string;

  @IsOptional()
  @TrimToUndefined()
  @Matches(/^\+?[0-9 ()\-]{5,40}$/, { message: 'phone must be digits, spaces, brackets or dashes' })
  @MaxLength(LIMITS.phone)
  phone?: string;
}

/** Art. 6.2 / appeals-rules.md 1: a representative states name, address and proof of authority. */
export class RepresentativeDto {
  @TrimToUndefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.name)
  fullName: string;

  @TrimToUndefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.address)
  address: string;

  /** The power of attorney or other proof (its number and date; the scan goes in as an attachment). */
  @TrimToUndefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.authorityDocument)
  authorityDocument: string;
}

export class CreateAppealDto {
  @IsIn(APPEAL_TYPES as unknown as string[])
  type: AppealType;

  /** The addressee agency (Art. 6.3). */
  @IsUUID()
  agencyId: string;

  @TrimToUndefined()
  @IsString()
  @Length(3, LIMITS.subject)
  subject: string;

  @TrimToUndefined()
  @IsString()
  @Length(10, LIMITS.text)
  text: string;

  @ValidateNested()
  @Type(() => PartyDto)
  applicant: PartyDto;

  /** A collective appeal: two or more applicants. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.coApplicants)
  @ValidateNested({ each: true })
  @Type(() => PartyDto)
  coApplicants?: PartyDto[];

  @IsOptional()
  @ValidateNested()
  @Type(() => RepresentativeDto)
  representative?: RepresentativeDto;

  /** A complaint's agency complained about (Administrative Offences Code 594-1.1.2). */
  @IsOptional()
  @IsUUID()
  respondentAgencyId?: string;

  @IsOptional()
  @TrimToUndefined()
  @IsString()
  @MaxLength(LIMITS.respondentOfficial)
  respondentOfficial?: string;

  /** The e-service (from the catalogue) the appeal is about; it counts against that service. */
  @IsOptional()
  @IsUUID()
  eServiceId?: string;

  @IsOptional()
  @IsIn(CHANNELS as unknown as string[])
  channel?: Channel;

  /** Receipt date for appeals registered by staff (deadlines run from it); not in the future. */
  @IsOptional()
  @IsDateOnly()
  receivedOn?: string;

  @IsOptional()
  @IsIn(REGIMES as unknown as string[])
  regime?: Regime;

  @IsOptional()
  @IsBoolean()
  confidential?: boolean;
}
