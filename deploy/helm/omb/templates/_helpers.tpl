{{/* Names: release-based, cut to the 63 characters a DNS label allows. */}}
{{- define "omb.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "omb.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* The StatefulSet and its headless Service share this name: pod i is <name>-i.<name>. */}}
{{- define "omb.workerName" -}}
{{- printf "%s-worker" (include "omb.fullname" .) | trunc 52 | trimSuffix "-" }}
{{- end }}

{{/* One Job per release revision: a Job's pod template cannot change, and each `helm upgrade` is a new run. */}}
{{- define "omb.jobName" -}}
{{- printf "%s-coordinator-%d" (include "omb.fullname" . | trunc 48 | trimSuffix "-") (int .Release.Revision) }}
{{- end }}

{{- define "omb.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "omb.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "omb.selectorLabels" -}}
app.kubernetes.io/name: {{ include "omb.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "omb.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{- define "omb.tokenSecret" -}}
{{- default (printf "%s-token" (include "omb.fullname" .)) .Values.token.existingSecret }}
{{- end }}

{{/* The workers' URLs, comma-separated: the StatefulSet's stable DNS names, one per replica. */}}
{{- define "omb.workerUrls" -}}
{{- $name := include "omb.workerName" . }}
{{- $urls := list }}
{{- range $i := until (int .Values.workers.replicas) }}
{{- $urls = append $urls (printf "http://%s-%d.%s.%s.svc.%s:%d" $name $i $name $.Release.Namespace $.Values.clusterDomain (int $.Values.workers.port)) }}
{{- end }}
{{- join "," $urls }}
{{- end }}

{{/* OMB_TOKEN from the Secret, for workers and coordinator alike. */}}
{{- define "omb.tokenEnv" -}}
- name: OMB_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "omb.tokenSecret" . }}
      key: token
{{- end }}

{{/* The images run as distroless's nonroot user, with nothing writable but their volumes. */}}
{{- define "omb.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
fsGroup: 65532
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "omb.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
{{- end }}
