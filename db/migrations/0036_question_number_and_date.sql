ALTER TYPE "public"."question_type" ADD VALUE 'number';--> statement-breakpoint
ALTER TYPE "public"."question_type" ADD VALUE 'date';