#!/bin/sh
# One-shot MinIO setup for Atrium, run by the `minio-init` compose service
# (quay.io/minio/mc image) on every `docker compose up`; safe to re-run.
#   - creates the bucket S3_BUCKET (private);
#   - creates the application user S3_ACCESS_KEY / S3_SECRET_KEY with a policy
#     limited to that bucket, so the backend never holds the MinIO root account.
# Uses only sh built-ins besides mc (the mc image is minimal).
set -eu

: "${MINIO_ROOT_USER:?}" "${MINIO_ROOT_PASSWORD:?}"
: "${S3_BUCKET:?}" "${S3_ACCESS_KEY:?}" "${S3_SECRET_KEY:?}"
MINIO_URL="${MINIO_URL:-http://minio:9000}"
POLICY=atrium-app

if [ "$S3_ACCESS_KEY" = "$MINIO_ROOT_USER" ]; then
  echo "minio-init: S3_ACCESS_KEY must differ from MINIO_ROOT_USER" >&2
  exit 1
fi

mc alias set local "$MINIO_URL" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"
mc mb --ignore-existing "local/$S3_BUCKET"

policy_file=/tmp/atrium-app-policy.json
printf '%s\n' '{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
      "Resource": ["arn:aws:s3:::'"$S3_BUCKET"'"]
    },
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject",
                 "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
      "Resource": ["arn:aws:s3:::'"$S3_BUCKET"'/*"]
    }
  ]
}' > "$policy_file"
mc admin policy create local "$POLICY" "$policy_file"

# Creates the user, or resets its secret key to the configured one.
mc admin user add local "$S3_ACCESS_KEY" "$S3_SECRET_KEY"
# Attaching a policy that is already attached is an error, so look first.
user_info="$(mc admin user info local "$S3_ACCESS_KEY")"
case "$user_info" in
  *"$POLICY"*) ;;
  *) mc admin policy attach local "$POLICY" --user "$S3_ACCESS_KEY" ;;
esac

echo "minio-init: bucket '$S3_BUCKET' and user '$S3_ACCESS_KEY' are ready"
