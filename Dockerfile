# One image for web, worker and beat (see docker-compose.yml).
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml ./
RUN python -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml","rb"))["project"]["dependencies"]))' > /tmp/requirements.txt \
    && pip install --no-cache-dir -r /tmp/requirements.txt
COPY --from=assets /app/node_modules ./node_modules
COPY . .
RUN KOERS_SECRET_KEY=build KOERS_DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --noinput
RUN useradd --system --uid 1000 koers && mkdir -p /data/private && chown koers /data/private
USER koers
EXPOSE 8000
# Workers, threads and the rest: config/gunicorn.py (KOERS_GUNICORN_WORKERS,
# KOERS_GUNICORN_THREADS, ...).
CMD ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi:application"]
