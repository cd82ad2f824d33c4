# Loss Lab in a container: the README's install on a slim Python, served by a user
# without privileges. Build and run:
#   docker build -t losslab . && docker run -p 8501:8501 losslab
# Behind a load balancer with more than one replica, give every replica the same
# STREAMLIT_SERVER_COOKIE_SECRET and keep each browser on one replica (deploy/).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
# the dependencies first: a change to the app's code does not reinstall them
COPY requirements.txt .
RUN python -m venv .venv && .venv/bin/pip install -r requirements.txt

COPY . .
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin losslab
USER 10001

EXPOSE 8501
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2)"]
CMD [".venv/bin/streamlit", "run", "app.py", "--server.port", "8501", "--server.address", "0.0.0.0"]
