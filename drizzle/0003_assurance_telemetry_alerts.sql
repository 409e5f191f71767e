CREATE TABLE "alert_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"system_id" uuid,
	"name" text NOT NULL,
	"metric" text NOT NULL,
	"metric_key" text,
	"comparator" text NOT NULL,
	"threshold" double precision NOT NULL,
	"window_minutes" integer NOT NULL,
	"cooldown_minutes" integer NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"last_evaluated_at" timestamp (3) with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	"system_id" uuid,
	"metric" text NOT NULL,
	"value" double precision NOT NULL,
	"threshold" double precision NOT NULL,
	"evidence" jsonb NOT NULL,
	"evidence_id" uuid,
	"status" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"acknowledged_by" text,
	"acknowledged_at" timestamp (3) with time zone,
	"resolved_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "assurance_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"dataset_id" uuid NOT NULL,
	"reference_dataset_id" uuid,
	"profile_id" uuid,
	"parameters" jsonb NOT NULL,
	"input_hashes" jsonb NOT NULL,
	"library_version" text NOT NULL,
	"results" jsonb NOT NULL,
	"outcome" text NOT NULL,
	"score" double precision,
	"evidence_id" uuid,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "datasets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"name" text NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"row_count" integer NOT NULL,
	"columns" jsonb NOT NULL,
	"uploaded_by" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"org_id" uuid,
	"payload" jsonb NOT NULL,
	"status" text NOT NULL,
	"run_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"locked_at" timestamp (3) with time zone,
	"last_error" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"alert_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "telemetry_bindings" (
	"org_id" uuid NOT NULL,
	"service_name" text NOT NULL,
	"system_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "telemetry_bindings_org_id_service_name_pk" PRIMARY KEY("org_id","service_name")
);
--> statement-breakpoint
CREATE TABLE "telemetry_metric_rollups" (
	"org_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"system_id" uuid,
	"service_name" text NOT NULL,
	"metric" text NOT NULL,
	"series" text DEFAULT '' NOT NULL,
	"minute" timestamp (3) with time zone NOT NULL,
	"count" bigint NOT NULL,
	"sum" double precision NOT NULL,
	CONSTRAINT "telemetry_metric_rollups_org_id_subject_metric_series_minute_pk" PRIMARY KEY("org_id","subject","metric","series","minute")
);
--> statement-breakpoint
CREATE TABLE "telemetry_rollups" (
	"org_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"system_id" uuid,
	"service_name" text NOT NULL,
	"minute" timestamp (3) with time zone NOT NULL,
	"requests" integer NOT NULL,
	"errors" integer NOT NULL,
	"latency_sum_ms" double precision NOT NULL,
	"latency_buckets" jsonb NOT NULL,
	"input_tokens" bigint NOT NULL,
	"output_tokens" bigint NOT NULL,
	"models" jsonb NOT NULL,
	CONSTRAINT "telemetry_rollups_org_id_subject_minute_pk" PRIMARY KEY("org_id","subject","minute")
);
--> statement-breakpoint
CREATE TABLE "telemetry_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"span_retention_days" integer DEFAULT 7 NOT NULL,
	"rollup_retention_days" integer DEFAULT 400 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "telemetry_spans" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"system_id" uuid,
	"service_name" text NOT NULL,
	"gen_ai_system" text,
	"model" text,
	"operation" text,
	"trace_id" text NOT NULL,
	"span_id" text NOT NULL,
	"name" text NOT NULL,
	"start_time" timestamp (3) with time zone NOT NULL,
	"duration_ms" double precision NOT NULL,
	"input_tokens" integer,
	"output_tokens" integer,
	"error" boolean DEFAULT false NOT NULL,
	"error_type" text
);
--> statement-breakpoint
CREATE TABLE "telemetry_unregistered" (
	"org_id" uuid NOT NULL,
	"service_name" text NOT NULL,
	"model" text DEFAULT '' NOT NULL,
	"gen_ai_system" text,
	"system_id" uuid,
	"reason" text NOT NULL,
	"first_seen" timestamp (3) with time zone NOT NULL,
	"last_seen" timestamp (3) with time zone NOT NULL,
	"spans" bigint NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_system_id" uuid,
	"note" text,
	CONSTRAINT "telemetry_unregistered_org_id_service_name_model_pk" PRIMARY KEY("org_id","service_name","model")
);
--> statement-breakpoint
CREATE TABLE "threshold_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"built_in_key" text,
	"name" text NOT NULL,
	"rationale" text NOT NULL,
	"sensitive_attributes" text[] DEFAULT '{}'::text[] NOT NULL,
	"thresholds" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_system_id_ai_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."ai_systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_system_id_ai_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."ai_systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_evidence_id_evidence_items_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_runs" ADD CONSTRAINT "assurance_runs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_runs" ADD CONSTRAINT "assurance_runs_system_id_ai_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."ai_systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_runs" ADD CONSTRAINT "assurance_runs_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_runs" ADD CONSTRAINT "assurance_runs_reference_dataset_id_datasets_id_fk" FOREIGN KEY ("reference_dataset_id") REFERENCES "public"."datasets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_runs" ADD CONSTRAINT "assurance_runs_profile_id_threshold_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."threshold_profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_runs" ADD CONSTRAINT "assurance_runs_evidence_id_evidence_items_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_system_id_ai_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."ai_systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telemetry_bindings" ADD CONSTRAINT "telemetry_bindings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telemetry_bindings" ADD CONSTRAINT "telemetry_bindings_system_id_ai_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."ai_systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telemetry_metric_rollups" ADD CONSTRAINT "telemetry_metric_rollups_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telemetry_rollups" ADD CONSTRAINT "telemetry_rollups_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telemetry_settings" ADD CONSTRAINT "telemetry_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telemetry_spans" ADD CONSTRAINT "telemetry_spans_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telemetry_unregistered" ADD CONSTRAINT "telemetry_unregistered_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threshold_profiles" ADD CONSTRAINT "threshold_profiles_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_rules_org_idx" ON "alert_rules" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "alerts_org_fired_idx" ON "alerts" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "alerts_rule_idx" ON "alerts" USING btree ("rule_id","created_at");--> statement-breakpoint
CREATE INDEX "assurance_runs_org_system_idx" ON "assurance_runs" USING btree ("org_id","system_id","kind","created_at");--> statement-breakpoint
CREATE INDEX "datasets_org_system_idx" ON "datasets" USING btree ("org_id","system_id","created_at");--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("status","run_at");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("org_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "telemetry_bindings_system_idx" ON "telemetry_bindings" USING btree ("org_id","system_id");--> statement-breakpoint
CREATE INDEX "telemetry_rollups_org_minute_idx" ON "telemetry_rollups" USING btree ("org_id","minute");--> statement-breakpoint
CREATE INDEX "telemetry_spans_org_time_idx" ON "telemetry_spans" USING btree ("org_id","start_time");--> statement-breakpoint
CREATE INDEX "telemetry_spans_org_system_idx" ON "telemetry_spans" USING btree ("org_id","system_id","start_time");--> statement-breakpoint
CREATE UNIQUE INDEX "threshold_profiles_org_name_idx" ON "threshold_profiles" USING btree ("org_id","name");--> statement-breakpoint
CREATE FUNCTION "assurance_runs_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'A stored fairness or drift run cannot be changed' USING ERRCODE = 'P0001';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "assurance_runs_no_update" BEFORE UPDATE ON "assurance_runs" FOR EACH ROW EXECUTE FUNCTION "assurance_runs_frozen"();
