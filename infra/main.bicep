// Diarium on Azure (README.md, "Deployment"): a Container Apps environment in a virtual network
// with two apps from one image (serve: API, bot and front ends; worker: ingestion and jobs),
// Azure Database for PostgreSQL 16 (private access), Blob Storage, the Azure Bot with its Teams
// channel, and Log Analytics. Secrets stay in the operator's Key Vault and reach the apps through
// a user-assigned managed identity.
//
//   az deployment group create -g <resource group> -f infra/main.bicep -p image=… keyVaultName=… …

targetScope = 'resourceGroup'

// ---- Parameters -------------------------------------------------------------------------------

@description('Azure region of every regional resource. Default: the resource group\'s region.')
param location string = resourceGroup().location

@description('Prefix of every resource name: lower-case letters, digits and hyphens, e.g. diarium or diarium-test.')
@minLength(3)
@maxLength(16)
param namePrefix string = 'diarium'

@description('Tags for every resource, e.g. {"system": "diarium", "owner": "it@ekby.se"}.')
param tags object = {}

@description('The container image built from infra/Dockerfile, e.g. ekbyacr.azurecr.io/diarium:1.0.0.')
param image string

@description('Name of an Azure Container Registry in this resource group that holds the image; the apps pull it with their managed identity (AcrPull). Empty: the image is public.')
param containerRegistryName string = ''

@description('Name of the existing Key Vault (Azure RBAC permission model) in this resource group that holds the secrets of step 2; this deployment adds database-url and storage-connection-string to it.')
param keyVaultName string

@description('The municipality\'s Entra ID tenant id (ENTRA_TENANT_ID). Default: the tenant deployed to.')
param entraTenantId string = tenant().tenantId

@description('Application (client) id of Diarium\'s app registration (ENTRA_CLIENT_ID): the audience of every token.')
@minLength(36)
@maxLength(36)
param entraClientId string

@description('The Application ID URI of the app registration (ENTRA_APP_ID_URI). Empty: api://{public host}/{entraClientId}, the form Teams SSO and the app package expect.')
param entraAppIdUri string = ''

@description('How Diarium signs in to Entra ID for Microsoft Graph: certificate (Key Vault secret entra-client-certificate, a PEM with private key and certificate, mounted as a file: ENTRA_CLIENT_CERTIFICATE_PATH) or secret (Key Vault secret entra-client-secret: ENTRA_CLIENT_SECRET).')
@allowed([
  'certificate'
  'secret'
])
param entraCredential string = 'certificate'

@description('App id of the Azure Bot\'s single-tenant app registration (BOT_APP_ID); its client secret is the Key Vault secret bot-app-password (BOT_APP_PASSWORD).')
@minLength(36)
@maxLength(36)
param botAppId string

@description('Pricing tier of the Azure Bot: F0 (free; the Teams channel is a standard channel) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('The Teams app id, the app package manifest\'s id (TEAMS_APP_ID). Empty: the add-in opens cases in the tabs\' case page instead of Teams.')
param teamsAppId string = ''

@description('The organisation\'s name, used on the tenant\'s first start (ORGANISATION_NAME), e.g. Ekby kommun.')
param organisationName string

@description('A custom host name for serve, e.g. diarium.ekby.se, bound to the app with a managed certificate after the first deployment. Empty: the app\'s own host, {namePrefix}-serve.{environment domain}.')
param publicHostName string = ''

@description('Address space of the virtual network (a /16 or larger): its first /23 holds the Container Apps environment, the third /24 the PostgreSQL server.')
param addressSpace string = '10.40.0.0/16'

@description('Administrator login of the PostgreSQL server; Diarium connects as it.')
param postgresAdminLogin string = 'diarium'

@description('Name of the Key Vault secret holding the PostgreSQL administrator password.')
param postgresPasswordSecretName string = 'postgres-admin-password'

@description('Compute size of the PostgreSQL server.')
param postgresSkuName string = 'Standard_D2ds_v5'

@description('Tier of postgresSkuName.')
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'GeneralPurpose'

@description('Storage of the PostgreSQL server in GiB; it grows automatically.')
param postgresStorageSizeGB int = 128

@description('High availability of the PostgreSQL server (a standby in another zone doubles the cost).')
@allowed([
  'Disabled'
  'SameZone'
  'ZoneRedundant'
])
param postgresHighAvailability string = 'Disabled'

@description('Days of point-in-time backups of the PostgreSQL server.')
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 35

@description('Connections per replica to PostgreSQL (DATABASE_POOL_SIZE); mind the server\'s max_connections for serveMaxReplicas + worker replicas.')
param databasePoolSize int = 10

@description('Replication of the Storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_ZRS'

@description('Days a deleted blob or container can be restored.')
@minValue(1)
@maxValue(365)
param blobSoftDeleteDays int = 30

@description('Most replicas of serve (it never has fewer than 2).')
@minValue(2)
@maxValue(30)
param serveMaxReplicas int = 6

@description('Concurrent HTTP requests per serve replica above which another replica starts.')
param serveConcurrentRequests int = 50

@description('Most replicas of worker (1 or 2; it always has 1). Jobs are leased, so two never do the same job.')
@minValue(1)
@maxValue(2)
param workerMaxReplicas int = 2

@description('pino log level of both apps (LOG_LEVEL).')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
])
param logLevel string = 'info'

@description('Days Log Analytics keeps the apps\' logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

// ---- Names and derived values -----------------------------------------------------------------

var suffix = uniqueString(resourceGroup().id)
var names = {
  identity: '${namePrefix}-identity'
  logs: '${namePrefix}-logs'
  network: '${namePrefix}-vnet'
  environment: '${namePrefix}-env'
  serve: '${namePrefix}-serve'
  worker: '${namePrefix}-worker'
  postgres: '${namePrefix}-pg-${suffix}'
  storage: take(toLower('${replace(namePrefix, '-', '')}${suffix}'), 24)
  bot: '${namePrefix}-bot-${suffix}'
}
var port = 3000
var databaseName = 'diarium'
var blobContainerName = 'diarium'
var workloadProfileName = 'Consumption'
var registryServer = empty(containerRegistryName) ? '' : '${containerRegistryName}${environment().suffixes.acrLoginServer}'
var certificateMountPath = '/mnt/entra'
var certificateFileName = 'entra-client.pem'
var publicHost = empty(publicHostName) ? '${names.serve}.${containerAppsEnvironment.properties.defaultDomain}' : publicHostName
var publicUrl = 'https://${publicHost}'
var appIdUri = empty(entraAppIdUri) ? 'api://${publicHost}/${entraClientId}' : entraAppIdUri
// Built-in roles: Key Vault Secrets User, AcrPull.
var keyVaultSecretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'
var acrPullRole = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

// ---- Identity and access to the Key Vault (and the registry) ----------------------------------

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
  tags: tags
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRole)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRole)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = if (!empty(containerRegistryName)) {
  name: empty(containerRegistryName) ? 'none' : containerRegistryName
}

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(containerRegistryName)) {
  name: guid(resourceGroup().id, containerRegistryName, identity.id, acrPullRole)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRole)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---- Network: the apps' subnet and PostgreSQL's delegated subnet ------------------------------

resource network 'Microsoft.Network/virtualNetworks@2024-01-01' = {
  name: names.network
  location: location
  tags: tags
  properties: {
    addressSpace: { addressPrefixes: [addressSpace] }
    subnets: [
      {
        name: 'apps'
        properties: {
          addressPrefix: cidrSubnet(addressSpace, 23, 0)
          delegations: [{ name: 'apps', properties: { serviceName: 'Microsoft.App/environments' } }]
        }
      }
      {
        name: 'postgres'
        properties: {
          addressPrefix: cidrSubnet(addressSpace, 24, 2)
          delegations: [{ name: 'postgres', properties: { serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers' } }]
        }
      }
    ]
  }
}

// ---- Logs and the Container Apps environment --------------------------------------------------

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: names.logs
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: logRetentionDays
  }
}

resource containerAppsEnvironment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: names.environment
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
    vnetConfiguration: {
      infrastructureSubnetId: network.properties.subnets[0].id
      internal: false
    }
    workloadProfiles: [
      {
        name: workloadProfileName
        workloadProfileType: 'Consumption'
      }
    ]
  }
}

// ---- PostgreSQL, Blob Storage and the derived secrets -----------------------------------------

module data 'modules/data.bicep' = {
  name: 'diarium-data'
  params: {
    location: location
    tags: tags
    postgresName: names.postgres
    postgresAdminLogin: postgresAdminLogin
    postgresAdminPassword: keyVault.getSecret(postgresPasswordSecretName)
    postgresSkuName: postgresSkuName
    postgresSkuTier: postgresSkuTier
    postgresStorageSizeGB: postgresStorageSizeGB
    postgresHighAvailability: postgresHighAvailability
    postgresBackupRetentionDays: postgresBackupRetentionDays
    databaseName: databaseName
    postgresSubnetId: network.properties.subnets[1].id
    virtualNetworkId: network.id
    storageName: names.storage
    storageSkuName: storageSkuName
    blobSoftDeleteDays: blobSoftDeleteDays
    blobContainerName: blobContainerName
    keyVaultName: keyVaultName
  }
}

// ---- What the apps get: Key Vault references and environment variables (api/src/config.ts) ----

var vaultSecrets = '${keyVault.properties.vaultUri}secrets'
var secrets = concat([
  { name: 'database-url', keyVaultUrl: '${vaultSecrets}/database-url', identity: identity.id }
  { name: 'storage-connection-string', keyVaultUrl: '${vaultSecrets}/storage-connection-string', identity: identity.id }
  { name: 'bot-app-password', keyVaultUrl: '${vaultSecrets}/bot-app-password', identity: identity.id }
], entraCredential == 'certificate' ? [
  { name: 'entra-client-certificate', keyVaultUrl: '${vaultSecrets}/entra-client-certificate', identity: identity.id }
] : [
  { name: 'entra-client-secret', keyVaultUrl: '${vaultSecrets}/entra-client-secret', identity: identity.id }
])

var appEnv = concat([
  { name: 'NODE_ENV', value: 'production' }
  { name: 'PORT', value: string(port) }
  { name: 'PUBLIC_URL', value: publicUrl }
  { name: 'DATABASE_URL', secretRef: 'database-url' }
  { name: 'DATABASE_POOL_SIZE', value: string(databasePoolSize) }
  { name: 'FILE_STORE', value: 'azure' }
  { name: 'AZURE_STORAGE_CONNECTION_STRING', secretRef: 'storage-connection-string' }
  { name: 'AZURE_STORAGE_CONTAINER', value: blobContainerName }
  { name: 'AUTH_MODE', value: 'entra' }
  { name: 'ENTRA_TENANT_ID', value: entraTenantId }
  { name: 'ENTRA_CLIENT_ID', value: entraClientId }
  { name: 'ENTRA_APP_ID_URI', value: appIdUri }
  { name: 'ORGANISATION_NAME', value: organisationName }
  { name: 'BOT_APP_ID', value: botAppId }
  { name: 'BOT_APP_PASSWORD', secretRef: 'bot-app-password' }
  { name: 'MAIL_SOURCE', value: 'graph' }
  { name: 'LOG_LEVEL', value: logLevel }
], entraCredential == 'certificate' ? [
  { name: 'ENTRA_CLIENT_CERTIFICATE_PATH', value: '${certificateMountPath}/${certificateFileName}' }
] : [
  { name: 'ENTRA_CLIENT_SECRET', secretRef: 'entra-client-secret' }
], empty(teamsAppId) ? [] : [
  { name: 'TEAMS_APP_ID', value: teamsAppId }
])

var serveEnv = concat(appEnv, [
  { name: 'ROLE', value: 'serve' }
])

var workerEnv = concat(appEnv, [
  { name: 'ROLE', value: 'worker' }
])

var certificateSecretName = entraCredential == 'certificate' ? 'entra-client-certificate' : ''

// ---- The two apps -----------------------------------------------------------------------------

module serve 'modules/container-app.bicep' = {
  name: 'diarium-serve'
  params: {
    name: names.serve
    location: location
    tags: tags
    environmentId: containerAppsEnvironment.id
    workloadProfileName: workloadProfileName
    identityId: identity.id
    image: image
    registryServer: registryServer
    env: serveEnv
    secrets: secrets
    externalIngress: true
    targetPort: port
    cpu: '1.0'
    memory: '2Gi'
    minReplicas: 2
    maxReplicas: serveMaxReplicas
    scaleRules: [
      {
        name: 'http'
        http: { metadata: { concurrentRequests: string(serveConcurrentRequests) } }
      }
    ]
    certificateSecretName: certificateSecretName
    certificateMountPath: certificateMountPath
    certificateFileName: certificateFileName
  }
  // The secrets exist and the identity may read them (and pull the image) before a revision starts.
  dependsOn: [data, secretsUser, acrPull]
}

module worker 'modules/container-app.bicep' = {
  name: 'diarium-worker'
  params: {
    name: names.worker
    location: location
    tags: tags
    environmentId: containerAppsEnvironment.id
    workloadProfileName: workloadProfileName
    identityId: identity.id
    image: image
    registryServer: registryServer
    env: workerEnv
    secrets: secrets
    externalIngress: false
    targetPort: port
    cpu: '0.5'
    memory: '1Gi'
    minReplicas: 1
    maxReplicas: workerMaxReplicas
    scaleRules: [
      {
        name: 'cpu'
        custom: { type: 'cpu', metadata: { type: 'Utilization', value: '70' } }
      }
    ]
    certificateSecretName: certificateSecretName
    certificateMountPath: certificateMountPath
    certificateFileName: certificateFileName
  }
  dependsOn: [data, secretsUser, acrPull]
}

// ---- Azure Bot: single tenant, messaging endpoint on serve, Teams channel ---------------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: names.bot
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: { name: botSku }
  properties: {
    displayName: 'Diarium'
    endpoint: '${publicUrl}/api/messages'
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: entraTenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      acceptedTerms: true
    }
  }
}

// ---- Outputs ----------------------------------------------------------------------------------

@description('Where Diarium is served (PUBLIC_URL): the app package and the redirect URIs use its host.')
output publicUrl string = publicUrl

@description('The serve app\'s own host name (point a custom domain\'s CNAME here).')
output serveFqdn string = serve.outputs.fqdn

@description('The Application ID URI the API accepts (ENTRA_APP_ID_URI): set the same in the app registration.')
output appIdUri string = appIdUri

@description('The Azure Bot\'s messaging endpoint.')
output botEndpoint string = bot.properties.endpoint

@description('The PostgreSQL server\'s private host name.')
output postgresHost string = data.outputs.postgresHost

@description('The Storage account holding the files.')
output storageAccountName string = data.outputs.storageAccountName

@description('The managed identity\'s principal id (give it more roles here if needed).')
output identityPrincipalId string = identity.properties.principalId
