"""Running the portal as a service: scheduled jobs that run once per period across instances,
worker heartbeats for readiness, logs and metrics."""
