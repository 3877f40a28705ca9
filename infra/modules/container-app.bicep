// One Diarium container app: the image of infra/Dockerfile in one role (serve or worker).
// Secrets come from Key Vault through the user-assigned managed identity.

@description('Name of the container app (lower-case letters, digits and hyphens, at most 32).')
param name string

@description('Azure region of the app.')
param location string

@description('Tags for the app.')
param tags object

@description('Resource id of the Container Apps environment.')
param environmentId string

@description('Workload profile the app runs on, in the environment.')
param workloadProfileName string

@description('Resource id of the user-assigned managed identity: reads Key Vault secrets and pulls the image.')
param identityId string

@description('The container image, built from infra/Dockerfile.')
param image string

@description('Login server of the registry the identity pulls the image from; empty for a public image.')
param registryServer string

@description('Environment variables of the container: { name, value } or { name, secretRef }.')
param env array

@description('Key Vault references: { name, keyVaultUrl, identity }.')
param secrets array

@description('Whether the app takes HTTPS requests from the internet (serve) or none at all (worker).')
param externalIngress bool

@description('The port the API listens on (PORT).')
param targetPort int

@description('CPU cores of the container, e.g. 1.0.')
param cpu string

@description('Memory of the container, e.g. 2Gi (twice the cores, in Gi, on the Consumption profile).')
param memory string

@description('Fewest replicas.')
param minReplicas int

@description('Most replicas.')
param maxReplicas int

@description('KEDA scale rules of the app.')
param scaleRules array

@description('Name of the secret holding the Entra client certificate (PEM), mounted as a file; empty when a client secret is used.')
param certificateSecretName string

@description('Folder the certificate secret is mounted in.')
param certificateMountPath string

@description('File name of the mounted certificate inside certificateMountPath.')
param certificateFileName string

var mountsCertificate = !empty(certificateSecretName)

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: workloadProfileName
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: externalIngress ? {
        external: true
        targetPort: targetPort
        transport: 'auto'
        allowInsecure: false
      } : null
      registries: empty(registryServer) ? [] : [
        {
          server: registryServer
          identity: identityId
        }
      ]
      secrets: secrets
    }
    template: {
      containers: [
        {
          name: 'diarium'
          image: image
          env: env
          resources: {
            cpu: json(cpu)
            memory: memory
          }
          probes: [
            {
              // Start-up runs the migrations under an advisory lock: give it time.
              type: 'Startup'
              httpGet: { path: '/healthz', port: targetPort }
              initialDelaySeconds: 5
              periodSeconds: 10
              timeoutSeconds: 5
              failureThreshold: 10
            }
            {
              type: 'Liveness'
              httpGet: { path: '/healthz', port: targetPort }
              periodSeconds: 30
              timeoutSeconds: 5
              failureThreshold: 3
            }
            {
              // The database and the file store answer, and the process is not draining.
              type: 'Readiness'
              httpGet: { path: '/readyz', port: targetPort }
              periodSeconds: 10
              timeoutSeconds: 5
              failureThreshold: 3
            }
          ]
          volumeMounts: mountsCertificate ? [
            {
              volumeName: 'entra-certificate'
              mountPath: certificateMountPath
            }
          ] : []
        }
      ]
      volumes: mountsCertificate ? [
        {
          name: 'entra-certificate'
          storageType: 'Secret'
          secrets: [
            {
              secretRef: certificateSecretName
              path: certificateFileName
            }
          ]
        }
      ] : []
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: scaleRules
      }
    }
  }
}

@description('The app\'s host name (external ingress only).')
output fqdn string = externalIngress ? app.properties.configuration.ingress.fqdn : ''
